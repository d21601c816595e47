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
        _key = ECDsa.Create();
        if (File.Exists(path))
        {
            _key.ImportFromPem(File.ReadAllText(path));
            return;
        }
        _key.GenerateKey(ECCurve.NamedCurves.nistP256);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var file = new StreamWriter(new FileStream(path, options));
        file.Write(_key.ExportPkcs8PrivateKeyPem());
    }

    public ECDsa Key => _key;

    public static string DefaultPath() =>
        System.IO.Path.Combine(
            Environment.UserName == "root" && OperatingSystem.IsLinux()
                ? "/var/lib/revisions"
                : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "revisions"),
            "keys", "checkpoint-signing.pem");

    public void Dispose() => _key.Dispose();
}
