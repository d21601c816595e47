using Revisions.Api.Stories;
using Revisions.Domain.Stories;

namespace Revisions.Api.Tests.Infrastructure;

public static class StoryViewContent
{
    /// <summary>The content fields of an answer, to compare with what was saved.</summary>
    public static StoryContent Content(this StoryView story) =>
        new(story.Headline, story.ShortHeadline, story.Standfirst, story.Byline, story.Body);
}
