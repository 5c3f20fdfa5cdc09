using System.Buffers.Binary;

namespace HipLog.Domain.Imports.Fit;

/// <summary>
/// A field's value read by its base type, as the FIT protocol defines them: its byte order from the definition, its first
/// element when the field is an array, and absent when the field is shorter than its type, is not a number, or holds its
/// type's invalid value.
/// </summary>
public static class FitFields
{
    public const byte TimestampField = 253;

    public static uint? Timestamp(FitMessage message) => Unsigned(message, TimestampField);

    public static uint? Unsigned(FitMessage message, byte field) =>
        Value(message, field) is { } v && v >= 0 && v <= uint.MaxValue ? (uint)v : null;

    public static double? Scaled(FitMessage message, byte field, double scale, double offset = 0) =>
        Value(message, field) is { } v ? v / scale - offset : null;

    /// <summary>The field's value, or null when the message lacks it or it is invalid.</summary>
    public static double? Value(FitMessage message, byte field)
    {
        var offset = 0;
        foreach (var f in message.Definition.Fields)
        {
            if (f.Number == field)
                return Read(message.Content.Slice(offset, f.Size), f.BaseType, message.Definition.BigEndian);
            offset += f.Size;
        }

        return null;
    }

    private static double? Read(ReadOnlySpan<byte> bytes, byte baseType, bool big)
    {
        var size = (baseType & 0x1F) switch
        {
            0 or 1 or 2 or 10 or 13 => 1,
            3 or 4 or 11 => 2,
            5 or 6 or 8 or 12 => 4,
            9 or 14 or 15 or 16 => 8,
            _ => 0, // strings and unknown types are no numbers
        };
        if (size == 0 || bytes.Length < size)
            return null;
        bytes = bytes[..size];
        return (baseType & 0x1F) switch
        {
            0 or 2 or 13 => bytes[0] == 0xFF ? null : bytes[0],
            1 => bytes[0] == 0x7F ? null : (sbyte)bytes[0],
            10 => bytes[0] == 0 ? null : bytes[0],
            3 => U16(bytes, big) == 0x7FFF ? null : (short)U16(bytes, big),
            4 => U16(bytes, big) is var u16 && u16 == 0xFFFF ? null : u16,
            11 => U16(bytes, big) is var z16 && z16 == 0 ? null : z16,
            5 => U32(bytes, big) == 0x7FFFFFFF ? null : (int)U32(bytes, big),
            6 => U32(bytes, big) is var u32 && u32 == 0xFFFFFFFF ? null : u32,
            12 => U32(bytes, big) is var z32 && z32 == 0 ? null : z32,
            8 => U32(bytes, big) == 0xFFFFFFFF ? null : Finite(BitConverter.Int32BitsToSingle((int)U32(bytes, big))),
            9 => U64(bytes, big) == ulong.MaxValue ? null : Finite(BitConverter.Int64BitsToDouble((long)U64(bytes, big))),
            14 => U64(bytes, big) == 0x7FFFFFFFFFFFFFFF ? null : (long)U64(bytes, big),
            15 => U64(bytes, big) is var u64 && u64 == ulong.MaxValue ? null : u64,
            _ => U64(bytes, big) is var z64 && z64 == 0 ? null : z64,
        };
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static ushort U16(ReadOnlySpan<byte> b, bool big) =>
        big ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b);

    private static uint U32(ReadOnlySpan<byte> b, bool big) =>
        big ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b);

    private static ulong U64(ReadOnlySpan<byte> b, bool big) =>
        big ? BinaryPrimitives.ReadUInt64BigEndian(b) : BinaryPrimitives.ReadUInt64LittleEndian(b);
}
