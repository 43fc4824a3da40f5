using Kairos.PointProcesses;
using Kairos.Serving;

namespace Kairos.Tests.Serving;

/// <summary>A restore remembers a user's ids in sequence order, sorting only a list the store gave out of order.</summary>
public class RestoreIdOrderTests
{
    private static StoredRecord At(long seq) => new(seq, $"e{seq}", seq, EventKind.Action, 0, null);

    [Fact]
    public void Records_out_of_order_come_back_sorted_by_sequence()
    {
        IReadOnlyList<StoredRecord> records = [At(4), At(1), At(3), At(2), At(7)];
        Assert.Equal([1L, 2, 3, 4, 7], DecisionEngine.InSeqOrder(records).Select(r => r.Seq));
        Assert.Equal([4L, 1, 3, 2, 7], records.Select(r => r.Seq));   // the store's list is left as it was
    }

    [Fact]
    public void Records_in_order_are_used_as_they_are()
    {
        IReadOnlyList<StoredRecord> records = [At(1), At(2), At(5)];
        Assert.Same(records, DecisionEngine.InSeqOrder(records));
        Assert.Empty(DecisionEngine.InSeqOrder([]));
    }
}
