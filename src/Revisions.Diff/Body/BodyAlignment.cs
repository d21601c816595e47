namespace Revisions.Diff.Body;

/// <summary>A run of deleted and inserted blocks between two equal ones (or a body edge).</summary>
internal sealed class Gap(int id)
{
    public int Id { get; } = id;
    public List<int> Deleted { get; } = [];
    public List<int> Inserted { get; } = [];
}

/// <summary>
/// The evolving answer for the body: which older block each newer block came from and how. Starts from the
/// block alignment (equal or unpaired) and is refined by pairing (modify within a gap, move across).
/// </summary>
internal sealed class BodyAlignment
{
    public BodyAlignment(bool[] deleted, bool[] inserted)
    {
        FromPartner = new int[deleted.Length];
        ToPartner = new int[inserted.Length];
        ToOp = new BlockOp[inserted.Length];
        FromGap = new int[deleted.Length];
        ToGap = new int[inserted.Length];
        Array.Fill(FromPartner, -1);
        Array.Fill(ToPartner, -1);

        // Walk both sides together; every maximal run of deletions/insertions is one gap.
        int i = 0, j = 0;
        Gap? gap = null;
        while (i < deleted.Length || j < inserted.Length)
        {
            var del = i < deleted.Length && deleted[i];
            var ins = !del && j < inserted.Length && inserted[j];
            if (del || ins)
            {
                if (gap is null) Gaps.Add(gap = new Gap(Gaps.Count));
                if (del) { gap.Deleted.Add(i); FromGap[i++] = gap.Id; }
                else { gap.Inserted.Add(j); ToGap[j] = gap.Id; ToOp[j++] = BlockOp.Insert; }
                continue;
            }
            gap = null;
            FromGap[i] = ToGap[j] = -1;
            Pair(i++, j++, BlockOp.Equal);
        }
    }

    public List<Gap> Gaps { get; } = [];
    public int[] FromPartner { get; }
    public int[] ToPartner { get; }
    public BlockOp[] ToOp { get; }
    public int[] FromGap { get; }
    public int[] ToGap { get; }

    public bool IsFromFree(int i) => FromPartner[i] < 0;
    public bool IsToFree(int j) => ToPartner[j] < 0;

    public void Pair(int from, int to, BlockOp op)
    {
        FromPartner[from] = to;
        ToPartner[to] = from;
        ToOp[to] = op;
    }
}
