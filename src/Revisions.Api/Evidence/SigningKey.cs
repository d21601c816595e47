using System.Security.Cryptography;

namespace Revisions.Api.Evidence;

/// <summary>
/// The ECDSA P-256 key that signs checkpoints. It lives in a file outside the database (whoever can change the
/// database must not be able to re-sign), is generated on first use, and is readable by its owner only.
/// </summary>
public sealed class SigningKey : IDisposable
{
    private readonly ECDsa _key;

    public string Path { get; }

    public SigningKey(string path)
    {
        Path = path;
        if (!File.Exists(path)) Create(path);
        _key = ECDsa.Create();
        _key.ImportFromPem(File.ReadAllText(path));
    }

    /// <summary>
    /// Writes a new key whole to a scratch file beside <paramref name="path"/> and puts it into place without
    /// overwriting, so nodes starting at the same moment over one key directory never read a half-written key:
    /// the first one placed wins and every node loads that key.
    /// </summary>
    private static void Create(string path)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var scratch = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using (var file = new StreamWriter(new FileStream(scratch, options))) file.Write(key.ExportPkcs8PrivateKeyPem());
            PlaceWithoutOverwriting(scratch, path);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another node placed its key first; that one is used.
        }
        finally
        {
            File.Delete(scratch);
        }
    }

    /// <summary>
    /// Puts the scratch file at <paramref name="path"/> unless a file is already there, atomically. On Unix,
    /// File.Move checks for the target and then renames, which overwrites a key another node placed in
    /// between; link(2) fails with EEXIST instead. Windows' move without replacing is already atomic.
    /// </summary>
    private static void PlaceWithoutOverwriting(string scratch, string path)
    {
        if (OperatingSystem.IsWindows())
        {
            File.Move(scratch, path, overwrite: false);
            return;
        }
        if (link(scratch, path) != 0)
            throw new IOException($"Could not place the signing key at {path} (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()})");
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int link(string existing, string created);

    public ECDsa Key => _key;

    /// <summary>The public half, as checkpoints record it.</summary>
    public string PublicKeyPem => _key.ExportSubjectPublicKeyInfoPem();

    public static string DefaultPath() =>
        System.IO.Path.Combine(
            Environment.UserName == "root" && OperatingSystem.IsLinux()
                ? "/var/lib/revisions"
                : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "revisions"),
            "keys", "checkpoint-signing.pem");

    public void Dispose() => _key.Dispose();
}
