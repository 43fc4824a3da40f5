using System.Collections.Immutable;

namespace Kairos.Serving;

/// <summary>The named policies the service serves. <see cref="Swap"/> replaces a policy atomically: a request holds
/// the <see cref="ServedPolicy"/> it started with; the next request of each user rebuilds the user's state under the
/// new version.</summary>
public sealed class PolicyCatalog
{
    public const string DefaultName = "default";
    private ImmutableDictionary<string, ServedPolicy> _policies = ImmutableDictionary<string, ServedPolicy>.Empty.WithComparers(StringComparer.Ordinal);

    public PolicyCatalog(IEnumerable<ServedPolicy> policies)
    {
        foreach (var p in policies) Swap(p);
    }

    public ServedPolicy Get(string name) =>
        _policies.TryGetValue(name, out var p) ? p : throw new UnknownPolicyException(name, _policies.Keys.Order(StringComparer.Ordinal));

    public IReadOnlyCollection<ServedPolicy> All => _policies.Values.ToArray();

    public void Swap(ServedPolicy policy) => ImmutableInterlocked.AddOrUpdate(ref _policies, policy.Name, policy, (_, _) => policy);
}
