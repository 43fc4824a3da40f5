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
        catch (Npgsql.NpgsqlException e) { throw new UserInputException($"--store postgres: cannot open the database ({Causes(e)})."); }
    }

    /// <summary>The exception's message and its causes' ("Exception while reading from stream: Timeout during reading
    /// attempt"), so a timeout is told from a dropped connection.</summary>
    private static string Causes(Exception e)
    {
        var messages = new List<string>();
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (messages.Count == 0 || messages[^1] != x.Message) messages.Add(x.Message.TrimEnd('.'));
        return string.Join(": ", messages);
    }

    /// <summary>The spec without a password, for error messages.</summary>
    private static string Redact(string spec) =>
        System.Text.RegularExpressions.Regex.Replace(spec, "(?i)(password|pwd)=[^;]*", "$1=***");
}
