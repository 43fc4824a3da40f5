using Kairos.Numerics;

namespace Kairos.Pomdp;

/// <summary>A product u: name, reward R_u ≥ 0 paid on purchase, and ζ_u ∈ R_+^K with
/// q_u(x) = Π_l f_l(x)^{ζ_{u,l}} (Assumption 1(a), R&amp;VR §4).</summary>
public sealed class Product
{
    private readonly double[] _zeta;

    public Product(string name, double reward, IReadOnlyList<double> zeta)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(zeta);
        Name = name;
        Reward = double.IsFinite(reward) && reward >= 0 ? reward
            : throw new ArgumentOutOfRangeException(nameof(reward), reward, $"products[{name}].reward must be finite and >= 0, got {Require.Fmt(reward)}.");
        _zeta = zeta.ToArray();
        for (int l = 0; l < _zeta.Length; l++)
            if (!(double.IsFinite(_zeta[l]) && _zeta[l] >= 0))
                throw new ArgumentOutOfRangeException(nameof(zeta), _zeta[l],
                    $"products[{name}].zeta[{l}] must be finite and >= 0 (Assumption 1(a)), got {Require.Fmt(_zeta[l])}.");
    }

    public string Name { get; }
    public double Reward { get; }
    public IReadOnlyList<double> Zeta => _zeta;

    public override string ToString() => $"{Name}(R={Require.Fmt(Reward)}, ζ=[{string.Join(", ", _zeta.Select(Require.Fmt))}])";
}
