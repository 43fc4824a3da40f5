using System.Runtime.CompilerServices;

namespace Kairos.Serving;

/// <summary>
/// The slots of every resident user's id window (<see cref="RecentIds"/>) in one engine, in blocks of
/// <see cref="BlockSlots"/> slots kept in large arrays (chunks of <see cref="ChunkBlocks"/> blocks, each on the large
/// object heap). A user's window rents blocks as it fills and returns them when the user is evicted, forgotten or
/// reset. Each slot holds a record and its id's characters inline (ids of at most <see cref="InlineChars"/>
/// characters; a longer one is kept as the record's id string), so a user's arrival and a resident user's request
/// allocate nothing the next gen0 collection would copy: no ring array, no character buffer, no doubling. Before, a
/// new user's ring and character buffer and their doublings in the user's 2nd–16th requests were the survivors of
/// every gen0 collection in steady state (76–601 B per request). Used for windows of at most
/// <see cref="RecentIds.IndexAbove"/> ids (searched newest first, no index); larger windows keep a ring of their own.
/// Renting and returning take a lock; reading and writing a rented block is its user's (under the user's gate).
/// </summary>
internal sealed class IdSlab
{
    public const int BlockSlots = 4;
    public const int InlineChars = 36;   // a GUID
    public const int MaxBlocks = RecentIds.IndexAbove / BlockSlots;

    /// <summary>Blocks per chunk: 256 × 4 slots × 168 B ≈ 172 KB, above the 85,000-byte threshold of the large object
    /// heap, so a chunk is never copied by a gen0 or gen1 collection.</summary>
    public const int ChunkBlocks = 256;

    [InlineArray(InlineChars)]
    internal struct Chars
    {
        private char _c;
    }

    /// <summary>A remembered record. Its id's characters are in <see cref="Id"/> when it has at most
    /// <see cref="InlineChars"/> of them (<see cref="StoredRecord.Id"/> null), else the record keeps the id string.</summary>
    internal struct Slot
    {
        public StoredRecord Record;
        public int Length;
        public Chars Id;

        public readonly bool IdEquals(string id) =>
            Length == id.Length && (Record.Id is { } whole ? string.Equals(whole, id, StringComparison.Ordinal)
                : ((ReadOnlySpan<char>)Id)[..Length].SequenceEqual(id));
    }

    private readonly Lock _lock = new();
    private Slot[][] _chunks = new Slot[4][];
    private int[] _free = new int[64];
    private int _freeCount, _next;

    /// <summary>Blocks rented and not returned (for tests).</summary>
    public int Rented
    {
        get { lock (_lock) return _next - _freeCount; }
    }

    /// <summary>Chunks allocated (for tests and the memory estimate).</summary>
    public int Chunks
    {
        get { lock (_lock) return (_next + ChunkBlocks - 1) / ChunkBlocks; }
    }

    public int Rent()
    {
        lock (_lock)
        {
            if (_freeCount > 0) return _free[--_freeCount];
            int block = _next++;
            int chunk = block / ChunkBlocks;
            if (chunk == _chunks.Length)
            {
                var grown = new Slot[2 * _chunks.Length][];
                _chunks.AsSpan().CopyTo(grown);
                Volatile.Write(ref _chunks, grown);
            }
            _chunks[chunk] ??= new Slot[ChunkBlocks * BlockSlots];
            return block;
        }
    }

    /// <summary>Returns a block whose slots were cleared (no record keeps a vector or a string alive).</summary>
    public void Return(int block)
    {
        lock (_lock)
        {
            if (_freeCount == _free.Length) Array.Resize(ref _free, 2 * _free.Length);
            _free[_freeCount++] = block;
        }
    }

    /// <summary>Slot <paramref name="k"/> of a rented block. The block was rented before its user's gate was last
    /// handed over, so the chunk it lies in is visible here.</summary>
    public ref Slot At(int block, int k) => ref Volatile.Read(ref _chunks)[block / ChunkBlocks][block % ChunkBlocks * BlockSlots + k];
}
