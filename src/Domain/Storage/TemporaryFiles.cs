namespace HipLog.Domain.Storage;

/// <summary>
/// Files that hold an upload or a stored archive while it is read, so that neither host keeps one whole in memory. Each
/// is private to the process and deleted when closed; a host killed meanwhile leaves it in the temporary folder (TMPDIR),
/// which a container's restart empties.
/// </summary>
public static class TemporaryFiles
{
    public static FileStream Create() =>
        new(Path.Combine(Path.GetTempPath(), $"hiplog-{Guid.NewGuid():N}.tmp"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
            81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
}
