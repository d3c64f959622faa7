using System.Security.Cryptography;
using System.Text;

namespace Klaxon.DevHost;

/// <summary>
/// Runs a set-up step (such as <c>npm ci</c>) at most once at a time, across threads and processes, and not at all
/// when it is already done. Test fixtures start Azurite and Prism in parallel on a fresh clone; two <c>npm ci</c> runs
/// in one folder delete each other's files and both fail.
/// </summary>
public static class InstallOnce
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <param name="key">Names what is installed (e.g. the repository root); one lock per key across processes.</param>
    /// <param name="isDone">Checked before and again after taking the lock: whoever held it may have done the work.</param>
    /// <param name="install">The step; runs only while the lock is held.</param>
    /// <param name="lockTimeout">How long to wait for another process's install; default 10 minutes.</param>
    public static async Task EnsureAsync(string key, Func<bool> isDone, Func<CancellationToken, Task> install, CancellationToken cancellationToken,
        TimeSpan? lockTimeout = null)
    {
        if (isDone())
        {
            return;
        }
        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var crossProcess = await LockFileAsync(key, lockTimeout ?? TimeSpan.FromMinutes(10), cancellationToken).ConfigureAwait(false);
            if (!isDone())
            {
                await install(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>An exclusively opened file in the temp folder: the operating system releases it if the process dies.</summary>
    private static async Task<FileStream> LockFileAsync(string key, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
        var path = Path.Combine(Path.GetTempPath(), $"klaxon-install-{name}.lock");
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
