using JasperFx;
using JasperFx.Events;
using Npgsql;

namespace HipLog.Domain.Storage;

/// <summary>A write that lost a race for a stream version to another writer: nothing of it was stored, and it may be tried again.</summary>
public static class StreamConflict
{
    public static bool Is(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is ConcurrencyException or EventStreamUnexpectedMaxEventIdException
                or ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException)
                return true;
            // Quick append: a new stream collides on mt_streams, an existing one on (stream, version) in mt_events.
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, TableName: "mt_streams" or "mt_events" })
                return true;
        }

        return false;
    }
}
