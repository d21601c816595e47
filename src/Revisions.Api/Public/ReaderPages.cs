using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Revisions.Api.Public;

public static class ReaderPages
{
    /// <summary>
    /// What the reader pages need beyond their endpoints: the components they are rendered from, the
    /// live-updates fan-out for this node, and the output cache for story pages that the fan-out evicts on
    /// every commit (Program.cs: UseOutputCache).
    /// </summary>
    public static IServiceCollection AddReaderPages(this IServiceCollection services)
    {
        // Components encode every piece of text they write with this encoder: letters of every script stay
        // readable in the page's source, while <, >, &, quotes and the like are always encoded.
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        services.AddRazorComponents();
        services.AddSingleton<LiveUpdates>();
        services.AddSingleton<ReaderPageCache>();
        services.AddOutputCache(options => options.AddBasePolicy(new ReaderPageCache.Policy()));
        return services;
    }
}
