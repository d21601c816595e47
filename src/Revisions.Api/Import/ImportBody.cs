using Microsoft.AspNetCore.Http.HttpResults;
namespace Revisions.Api.Import;

public static class ImportBodies
{
    /// <summary>
    /// The request body, read up to <paramref name="limit"/> bytes. Beyond it the answer is 413, naming the line
    /// at which the limit was passed, so a runaway line or file is refused before anything is parsed.
    /// </summary>
    public static async Task<(byte[]? Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, long limit, string name, CancellationToken cancellation)
    {
        if (request.ContentLength > limit)
            return (null, TooLarge(name, null, limit));

        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, cancellation)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    buffer.Write(chunk, 0, (int)(limit - buffer.Length));
                    return (null, TooLarge(name, LineAt(buffer), limit));
                }
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel enforces the same limit on a chunked upload; answer it the same way.
            return (null, TooLarge(name, LineAt(buffer), limit));
        }
        return (buffer.ToArray(), null);
    }

    private static int LineAt(MemoryStream buffer) => ImportUploads.LineAt(buffer.ToArray(), (int)buffer.Length);

    private static ProblemHttpResult TooLarge(string name, int? line, long limit) =>
        ImportUploads.Invalid([new Revisions.Import.ImportError(name, line,
            $"The upload is larger than {limit:N0} bytes{(line is null ? "" : $" (the limit is passed at line {line})")}; split it into smaller imports.")], 413);
}
