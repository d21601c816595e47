namespace Revisions.Load;

/// <summary>The lines a benchmark prints, with its ratios against their targets.</summary>
public sealed class Report(string name)
{
    private readonly List<string> _lines = [];

    public string Name => name;
    public List<(string What, double Ratio, double Target, bool Met)> Ratios { get; } = [];

    public void Line(string text)
    {
        _lines.Add(text);
        Console.WriteLine($"[{name}] {text}");
    }

    public void Ratio(string what, double ratio, double target, bool higherIsBetter)
    {
        var met = higherIsBetter ? ratio >= target : ratio <= target;
        Ratios.Add((what, ratio, target, met));
        Line($"RATIO {what}: {ratio:F3} (target {(higherIsBetter ? "≥" : "≤")} {target}) {(met ? "MET" : "MISSED")}");
    }

    public void Absolute(string what, double value, double limit, string unit)
    {
        var met = value <= limit;
        Ratios.Add((what, value, limit, met));
        Line($"LIMIT {what}: {value:F2} {unit} (target ≤ {limit} {unit}) {(met ? "MET" : "MISSED")}");
    }
}
