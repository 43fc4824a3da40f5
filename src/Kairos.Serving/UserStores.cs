namespace Kairos.Serving;

/// <summary>Opens a store from its spec: <c>memory</c>, <c>sqlite:PATH</c>, <c>sqlite-full:PATH</c> (synchronous=FULL)
/// or <c>postgres:CONNSTRING</c> (an Npgsql connection string, e.g. <c>postgres:Host=127.0.0.1;Username=kairos</c>).
/// <c>walLimit</c> (bytes; null: <see cref="SqliteUserStateStore.DefaultWalLimit"/>) bounds a SQLite store's WAL file.</summary>
public static class UserStores
{
    public const string Default = "sqlite:kairos.db";

    public static IUserStateStore Open(string spec, long? walLimit = null)
    {
        long wal = WalLimit(spec, walLimit);
        foreach (var (prefix, full) in SqlitePrefixes)
            if (spec.StartsWith(prefix, StringComparison.Ordinal) && spec.Length > prefix.Length)
                return new SqliteUserStateStore(spec[prefix.Length..], full, wal);
        if (spec == "memory") return new InMemoryUserStateStore();
        if (spec.StartsWith(PostgresPrefix, StringComparison.Ordinal) && spec.Length > PostgresPrefix.Length)
            return OpenPostgres(spec[PostgresPrefix.Length..]);
        throw new UserInputException($"--store '{Redact(spec)}' is not a store; use memory, sqlite:PATH, sqlite-full:PATH or postgres:CONNSTRING.");
    }

    private const string PostgresPrefix = "postgres:";

    private static readonly (string Prefix, bool FullSync)[] SqlitePrefixes = [("sqlite:", false), ("sqlite-full:", true)];

    /// <summary>The WAL bound for the store (null: the default); a bound below the minimum, or one for a store that is
    /// not SQLite, is a <see cref="UserInputException"/> naming --wal-limit.</summary>
    public static long WalLimit(string spec, long? bytes)
    {
        if (bytes is null) return SqliteUserStateStore.DefaultWalLimit;
        if (!SqlitePrefixes.Any(p => spec.StartsWith(p.Prefix, StringComparison.Ordinal)))
            throw new UserInputException($"--wal-limit bounds a SQLite store's write-ahead log; --store '{Redact(spec)}' is not sqlite:PATH or sqlite-full:PATH.");
        return bytes >= SqliteUserStateStore.MinWalLimit ? bytes.Value
            : throw new UserInputException($"--wal-limit {bytes} B: must be at least {SqliteUserStateStore.MinWalLimit >> 10} KB.");
    }

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
