using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Revisions.Api.Diffs;
using Revisions.Diff;
using Revisions.Domain.Stories;

namespace Revisions.Api.Tests.Diffs;

/// <summary>
/// The API's html format and the reader pages show a diff through the InlineDiff component; tools built on the
/// diff engine alone use its HtmlDiffRenderer. Both must give the same markup, so one stylesheet serves both.
/// </summary>
public class when_a_diff_is_shown_inline
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    [Fact]
    public async Task the_component_writes_what_the_diff_engines_renderer_writes()
    {
        var before = new StoryContent("Talks <b>resume</b> in Istanbul", null, "Delegations met.", "Ann Reporter",
            [Block.Paragraph("Delegations met on Friday & talked."), Block.Subheading("Reaction"), Block.Paragraph("Moves to the end."),
             Block.Paragraph("Removed \"quoted\" paragraph.")]);
        var after = new StoryContent("Talks resume in Истанбул", "Talks resume", null, "Ann Reporter",
            [Block.Subheading("Reaction"), Block.Paragraph("Delegations met on Thursday & talked."), Block.Paragraph("<script>alert(1)</script>"),
             Block.Paragraph("Moves to the end.")]);
        var diff = StoryDiffer.Compare(before, after);

        var component = await Render(diff);

        // Line breaks between elements differ, and mean nothing in HTML.
        component.Replace("\n", "").ShouldBe(HtmlDiffRenderer.Render(diff, Encoder).Replace("\n", ""));
        component.ShouldNotContain("<script>");
        component.ShouldContain("Истанбул");
    }

    private static async Task<string> Render(StoryDiff diff)
    {
        await using var services = new ServiceCollection().AddSingleton(Encoder).AddSingleton(NullLoggerFactory.Instance)
            .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>)).BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<InlineDiff>(ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(InlineDiff.Diff)] = diff })))
                .ToHtmlString());
    }
}
