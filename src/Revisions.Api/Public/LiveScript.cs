using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Revisions.Api.Public;

/// <summary>
/// The only script on reader pages, loaded with <c>defer</c>: it listens for updates and, when one comes,
/// shows a link to it. Pages read fine without it; it builds the banner with DOM calls, never HTML strings.
/// </summary>
public static class LiveScript
{
    private const string Source = """
        (function () {
          "use strict";
          var box = document.getElementById("live");
          if (!box || !window.EventSource) return;
          var source = new EventSource(box.getAttribute("data-source"));
          source.addEventListener("update", function (e) {
            var update = JSON.parse(e.data);
            var link = document.createElement("a");
            link.href = box.getAttribute("data-changes") + "#v" + update.version;
            link.textContent = "This story was updated — show changes";
            var banner = document.createElement("p");
            banner.className = "banner";
            banner.appendChild(link);
            box.replaceChildren(banner);
          });
          window.addEventListener("pagehide", function () { source.close(); });
        })();
        """;

    private static readonly ReaderAsset Asset = new("/reader/live.js", "text/javascript; charset=utf-8", Source);

    public static string Url => Asset.Url;

    [WolverineGet("/reader/live.js", OperationId = "ReaderScript")]
    [Tags("Reader pages"), AllowAnonymous, ExcludeFromDescription]
    public static IResult Get(HttpContext context) => Asset.Serve(context);
}
