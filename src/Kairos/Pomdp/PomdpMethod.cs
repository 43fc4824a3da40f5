namespace Kairos.Pomdp;

/// <summary>How <see cref="PomdpSolver"/> solves: the exact DP over rejection counts, or the reduced grid DP.</summary>
public enum PomdpMethod
{
    /// <summary>Reduced K-dimensional grid DP (R&amp;VR §5.3); exact when h divides every ζ.</summary>
    Grid,
    /// <summary>Exact DP over rejection counts (R&amp;VR §3), truncated at n(ε).</summary>
    Exact,
}
