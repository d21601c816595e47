using System.Text;

namespace Revisions.Diff.Text;

/// <summary>Collects token runs into <see cref="WordOp"/>s, merging neighbours with the same fate so the
/// output reads "[-Kier-]{+Keir+}" rather than token by token. The text is built in the comparison's own
/// builder, which outlives this one.</summary>
internal sealed class WordOpsBuilder(StringBuilder text)
{
    private readonly List<WordOp> _ops = [];
    private readonly StringBuilder _text = text.Clear();
    private WordOpKind _kind;

    public int WordsAdded { get; private set; }
    public int WordsRemoved { get; private set; }

    public void Add(WordOpKind kind, string source, Token token)
    {
        if (token.Kind == TokenKind.Word)
        {
            if (kind == WordOpKind.Insert) WordsAdded++;
            else if (kind == WordOpKind.Delete) WordsRemoved++;
        }
        if (_text.Length > 0 && kind != _kind) Flush();
        _kind = kind;
        _text.Append(source, token.Start, token.Length);
    }

    public List<WordOp> Build()
    {
        Flush();
        return _ops;
    }

    private void Flush()
    {
        if (_text.Length == 0) return;
        _ops.Add(new WordOp(_kind, _text.ToString()));
        _text.Clear();
    }
}
