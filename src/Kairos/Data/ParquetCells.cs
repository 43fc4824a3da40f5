using Parquet;
using Parquet.Schema;

namespace Kairos.Data;

/// <summary>
/// The cells of a Parquet file's columns as objects (null where missing), row group after row group, for integer,
/// floating-point, string and timestamp columns. Parquet.Net is async-only; callers here are synchronous. Shared by
/// every Parquet reader (review logs, event files) so they accept the same column types and say the same things.
/// </summary>
internal static class ParquetCells
{
    /// <summary>Calls <paramref name="onGroup"/> with each row group's requested columns (by lower-case name; absent
    /// columns are not in the dictionary) and its row count.</summary>
    public static void ForEachGroup(string path, Func<IReadOnlyCollection<string>, IEnumerable<string>> wanted,
        Action<IReadOnlyDictionary<string, object?[]>, int> onGroup)
    {
        using var stream = File.OpenRead(path);
        Task.Run(async () =>
        {
            ParquetReader reader;
            try { reader = await ParquetReader.CreateAsync(stream); }
            catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or ArgumentException or InvalidOperationException)
            { throw new UserInputException($"{path}: not a readable Parquet file ({e.Message})."); }
            await using (reader)
            {
                var fields = reader.Schema.GetDataFields().GroupBy(f => f.Name.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.First());
                var names = wanted(fields.Keys).ToList();
                for (int g = 0; g < reader.RowGroupCount; g++)
                {
                    using var group = reader.OpenRowGroupReader(g);
                    int count = checked((int)group.RowCount);
                    var columns = new Dictionary<string, object?[]>();
                    foreach (var name in names)
                        if (fields.TryGetValue(name, out var field)) columns[name] = await Column(group, field, count, path);
                    onGroup(columns, count);
                }
            }
        }).GetAwaiter().GetResult();
    }

    private static async Task<object?[]> Column(ParquetRowGroupReader group, DataField field, int count, string path)
    {
        async Task<object?[]> Of<T>() where T : struct
        {
            if (field.IsNullable)
            {
                var nullable = new T?[count];
                await group.ReadAsync<T>(field, nullable.AsMemory());
                return nullable.Select(v => v.HasValue ? (object?)v.Value : null).ToArray();
            }
            var values = new T[count];
            await group.ReadAsync<T>(field, values.AsMemory());
            return values.Select(v => (object?)v).ToArray();
        }
        var type = field.ClrType;
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>))
        {
            var buffer = new string?[count];
            await group.ReadAsync(field, buffer.AsMemory());
            return buffer;
        }
        if (type == typeof(double)) return await Of<double>();
        if (type == typeof(float)) return await Of<float>();
        if (type == typeof(long)) return await Of<long>();
        if (type == typeof(int)) return await Of<int>();
        if (type == typeof(short)) return await Of<short>();
        if (type == typeof(sbyte)) return await Of<sbyte>();
        if (type == typeof(byte)) return await Of<byte>();
        if (type == typeof(ushort)) return await Of<ushort>();
        if (type == typeof(uint)) return await Of<uint>();
        if (type == typeof(ulong)) return await Of<ulong>();
        if (type == typeof(DateTime)) return await Of<DateTime>();
        if (type == typeof(DateTimeOffset)) return await Of<DateTimeOffset>();
        throw new UserInputException($"{path}: column '{field.Name}' holds {KindOf(type)}; use integers, floating-point numbers, strings or timestamps.");
    }

    /// <summary>What a column or cell holds, in words (never a .NET type name).</summary>
    public static string KindOf(Type type) =>
        type == typeof(bool) ? "true/false values"
        : type == typeof(byte[]) ? "binary data"
        : type == typeof(DateTime) || type == typeof(DateTimeOffset) ? "dates/times"
        : type == typeof(decimal) ? "decimals"
        : typeof(System.Collections.IEnumerable).IsAssignableFrom(type) ? "lists"
        : "values of another kind";
}
