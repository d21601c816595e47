using Revisions.Api.Desk.Legal;

namespace Revisions.Api.Tests.Desk;

public class when_a_lawyer_picks_a_moment
{
    [Fact]
    public void a_time_in_the_browsers_zone_is_stored_in_utc()
    {
        var (moment, error) = PickedMoment.Read(null, "2025-05-16T14:05", "120", "Europe/Paris");
        error.ShouldBeNull();
        moment.Utc.ShouldBe(new DateTimeOffset(2025, 5, 16, 12, 5, 0, TimeSpan.Zero));
        moment.AsOf.ShouldBe("2025-05-16T12:05:00.0000000Z");
        moment.OffsetText.ShouldBe("UTC+02:00");
    }

    [Fact]
    public void a_zone_behind_utc_and_seconds_are_read_too()
    {
        var (moment, _) = PickedMoment.Read(null, "2025-01-02T23:30:15", "-300", "America/New_York");
        moment.Utc.ShouldBe(new DateTimeOffset(2025, 1, 3, 4, 30, 15, TimeSpan.Zero));
        moment.OffsetText.ShouldBe("UTC−05:00");
    }

    [Fact]
    public void without_the_zone_script_the_time_is_taken_as_utc()
    {
        var (moment, error) = PickedMoment.Read(null, "2025-05-16T14:05", null, null);
        error.ShouldBeNull();
        moment.Utc.ShouldBe(new DateTimeOffset(2025, 5, 16, 14, 5, 0, TimeSpan.Zero));
        moment.Zone.ShouldBe("UTC");
    }

    [Fact]
    public void a_link_with_an_instant_stands_for_the_picked_moment()
    {
        var (moment, _) = PickedMoment.Read("2025-05-16T12:05:00Z", "ignored", "999", "ignored");
        moment.Utc.ShouldBe(new DateTimeOffset(2025, 5, 16, 12, 5, 0, TimeSpan.Zero));
    }

    [Fact]
    public void nothing_picked_is_now_and_nonsense_is_refused_in_words()
    {
        PickedMoment.Read(null, null, null, null).Moment.Utc.ShouldBeNull();
        PickedMoment.Read(null, "yesterday", null, null).Error.ShouldBe("Pick a date and time, such as 2026-05-16T14:05.");
        PickedMoment.Read(null, "2025-05-16T14:05", "5000", null).Error!.ShouldContain("at most 18 hours");
        PickedMoment.Read("not an instant", null, null, null).Error!.ShouldContain("an instant in UTC");
    }
}
