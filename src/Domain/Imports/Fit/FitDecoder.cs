namespace HipLog.Domain.Imports.Fit;

/// <summary>
/// Reads the messages a run needs from a FIT file (FIT SDK profile: file_id 0, session 18, lap 19, record 20,
/// activity 34) and passes every other message over. Malformed input is a <see cref="ActivityFileException"/> with a reason.
/// </summary>
public static class FitDecoder
{
    public const string ContentType = "application/vnd.ant.fit";
    private const ushort FileId = 0, Session = 18, Lap = 19, Record = 20, Activity = 34;
    private const int ActivityFileType = 4;

    /// <summary>At most this many records are kept (55 hours at one a second), as for GPX and TCX points.</summary>
    public static int MaxRecords => ActivityFiles.MaxPoints;

    /// <exception cref="ActivityFileException">Not a FIT activity file, or a damaged one.</exception>
    public static FitActivity Decode(ReadOnlySpan<byte> bytes)
    {
        var sessions = new List<FitSession>();
        var laps = new List<FitLap>();
        var records = new List<FitRecord>();
        int? fileType = null;
        TimeSpan? offset = null;
        FitFrames.Read(bytes, message =>
        {
            switch (message.Definition.Global)
            {
                case FileId:
                    fileType ??= (int?)FitFields.Value(message, 0);
                    break;
                case Session:
                    sessions.Add(SessionOf(message));
                    break;
                case Lap:
                    laps.Add(new FitLap(Time(message, 2), FitFields.Scaled(message, 8, 1000), FitFields.Scaled(message, 9, 100)));
                    break;
                case Record:
                    if (RecordOf(message) is { } record)
                        records.Add(records.Count < MaxRecords ? record : throw new ActivityFileException(
                            $"The file holds more than {MaxRecords} records; HipLog reads at most that many from one activity."));
                    break;
                case Activity:
                    offset ??= DeviceOffset(message);
                    break;
            }
        });

        if (fileType is null)
            throw new ActivityFileException("The file has no file_id message: it does not say it is an activity.");
        if (fileType != ActivityFileType)
            throw new ActivityFileException($"The FIT file is of type {fileType}, not an activity (type 4): it holds no run.");
        return new FitActivity(sessions, laps, records, offset);
    }

    private static FitSession SessionOf(FitMessage m) => new(
        (int?)FitFields.Value(m, 5), (int?)FitFields.Value(m, 6), Time(m, 2), FitFields.Scaled(m, 7, 1000),
        FitFields.Scaled(m, 8, 1000), FitFields.Scaled(m, 9, 100), FitFields.Value(m, 22), HeartRate(m, 16), HeartRate(m, 17));

    private static FitRecord? RecordOf(FitMessage m)
    {
        var time = FitTime.ToInstant(m.CompressedTimestamp ?? FitFields.Timestamp(m));
        if (time is null)
            return null;
        var lat = FitFields.Value(m, 0) is { } la ? Degrees(la) : (double?)null;
        var lon = FitFields.Value(m, 1) is { } lo ? Degrees(lo) : (double?)null;
        var fine = lat is >= -90 and <= 90 && lon is >= -180 and <= 180;
        var altitude = FitFields.Scaled(m, 78, 5, 500) ?? FitFields.Scaled(m, 2, 5, 500);
        return new FitRecord(time.Value, fine ? lat : null, fine ? lon : null, altitude, FitFields.Scaled(m, 5, 100), HeartRate(m, 3));
    }

    private static DateTimeOffset? Time(FitMessage m, byte field) => FitTime.ToInstant(FitFields.Unsigned(m, field));

    /// <summary>A heart rate a body can have; anything else is a sensor's glitch, left out.</summary>
    private static int? HeartRate(FitMessage m, byte field) => TrackPoint.PlausibleHeartRate(FitFields.Value(m, field));

    private static double Degrees(double semicircles) => semicircles * (180.0 / 2147483648.0);

    /// <summary>local_timestamp less timestamp, when both are there and the difference is a real zone's (at most 14 hours).</summary>
    private static TimeSpan? DeviceOffset(FitMessage m) =>
        FitFields.Timestamp(m) is { } utc && FitFields.Unsigned(m, 5) is { } local && Math.Abs((long)local - utc) <= 14 * 3600
            ? TimeSpan.FromSeconds((long)local - utc)
            : null;
}
