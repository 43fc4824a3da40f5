namespace Kairos.Serving;

/// <summary>Opens a store from its spec: <c>memory</c>, <c>sqlite:PATH</c>, <c>sqlite-full:PATH</c> (synchronous=FULL)
/// or <c>postgres:CONNSTRING</c> (an Npgsql connection string, e.g. <c>postgres:Host=127.0.0.1;Username=kairos</c>).</summary>
public static class UserStores
{
    public const string Default = "sqlite:kairos.db";

    public static IUserStateStore Open(string spec)
    {
        if (spec == "memory") return new InMemoryUserStateStore();
        foreach (var (prefix, full) in new[] { ("sqlite:", false), ("sqlite-full:", true) })
            if (spec.StartsWith(prefix, StringComparison.Ordinal) && spec.Length > prefix.Length)
                return new SqliteUserStateStore(spec[prefix.Length..], full);
        if (spec.StartsWith(PostgresPrefix, StringComparison.Ordinal) && spec.Length > PostgresPrefix.Length)
            return OpenPostgres(spec[PostgresPrefix.Length..]);
        throw new UserInputException($"--store '{Redact(spec)}' is not a store; use memory, sqlite:PATH, sqlite-full:PATH or postgres:CONNSTRING.");
    }

    private const string PostgresPrefix = "postgres:";

    private static PostgresUserStateStore OpenPostgres(string connectionString)
    {
        try { return new PostgresUserStateStore(connectionString); }
        catch (ArgumentException e) { throw new UserInputException($"--store postgres: the connection string is not valid ({e.Message})."); }
        catch (Npgsql.NpgsqlException e) { throw new UserInputException($"--store postgres: cannot open the database ({e.Message})."); }
    }

    /// <summary>The spec without a password, for error messages.</summary>
    private static string Redact(string spec) =>
        System.Text.RegularExpressions.Regex.Replace(spec, "(?i)(password|pwd)=[^;]*", "$1=***");
}
