using CsCheck;

namespace Revisions.Api.Tests.Legal.Promise;

public enum Act
{
    Create, Revise, Publish, Unpublish, Note, Redact, RedactNote, Lift, Erase, Hold, Release, Restore, Import, Race, Bundle
}

/// <summary>
/// One step of a newsroom's day, as choices: what to do, to which story, and three numbers the step reads against
/// the model as it stands (which block, which version, which word). Choices rather than concrete values keep every
/// sequence valid and let a failure shrink to the few steps that matter.
/// </summary>
public sealed record Step(Act Act, int Story, int A, int B, int C)
{
    public override string ToString() => $"{Act}(story {Story}; {A}, {B}, {C})";

    private static readonly Gen<Act> Acts = Gen.Frequency(
        (4, Gen.Const(Act.Create)), (6, Gen.Const(Act.Revise)), (6, Gen.Const(Act.Publish)), (2, Gen.Const(Act.Unpublish)),
        (4, Gen.Const(Act.Note)), (4, Gen.Const(Act.Redact)), (1, Gen.Const(Act.RedactNote)), (2, Gen.Const(Act.Lift)),
        (3, Gen.Const(Act.Erase)), (2, Gen.Const(Act.Hold)), (2, Gen.Const(Act.Release)), (2, Gen.Const(Act.Restore)),
        (2, Gen.Const(Act.Import)), (1, Gen.Const(Act.Race)), (1, Gen.Const(Act.Bundle)));

    public static readonly Gen<Step> One =
        Gen.Select(Acts, Gen.Int[0, 2], Gen.Int[0, 99], Gen.Int[0, 99], Gen.Int[0, 99], (act, story, a, b, c) => new Step(act, story, a, b, c));

    /// <summary>A day: always starts by creating a story, so most steps have something to act on.</summary>
    public static readonly Gen<Step[]> Day =
        One.Array[3, 14].Select(steps => (Step[])[new Step(Act.Create, 0, 0, 0, 0), .. steps]);
}
