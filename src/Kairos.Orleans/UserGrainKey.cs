namespace Kairos.Orleans;

/// <summary>The key of a (policy, user) grain: "{policy length}:{policy}{user}", unambiguous whatever the names hold.</summary>
public static class UserGrainKey
{
    public static string Of(string policy, string user) => $"{policy.Length}:{policy}{user}";

    public static (string Policy, string User) Parse(string key)
    {
        int colon = key.IndexOf(':');
        int length = int.Parse(key.AsSpan(0, colon), System.Globalization.CultureInfo.InvariantCulture);
        return (key.Substring(colon + 1, length), key[(colon + 1 + length)..]);
    }
}
