using System.Buffers;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Marten;
using Npgsql;
using Weasel.Core;
using ISerializer = Marten.ISerializer;

namespace Revisions.Api.Hosting;

/// <summary>
/// The event store's serializer, keeping the JSON of an event the hash chain has already serialised
/// (<see cref="Bytes"/>) so that Marten stores those very bytes instead of serialising the event again: the chain
/// hashes what is stored, and a save serialises each event once. Everything else is passed to the inner
/// serializer as it is. Kept per event object for as long as the object lives (events are immutable records).
/// </summary>
public sealed class SerializedOnce(ISerializer inner) : ISerializer
{
    private readonly ConditionalWeakTable<object, byte[]> _serialized = new();

    /// <summary>The JSON of <paramref name="value"/> as it will be stored, serialised now if it was not yet.</summary>
    public byte[] Bytes(object value)
    {
        if (_serialized.TryGetValue(value, out var bytes)) return bytes;
        using var buffer = new Revisions.Evidence.PooledBuffer();
        inner.WriteTo(buffer, value);
        bytes = buffer.WrittenSpan.ToArray();
        _serialized.AddOrUpdate(value, bytes);
        return bytes;
    }

    /// <summary>The JSON <paramref name="serializer"/> stores <paramref name="value"/> as, serialised once when it can keep it.</summary>
    public static byte[] Of(ISerializer serializer, object value) =>
        serializer is SerializedOnce once ? once.Bytes(value) : System.Text.Encoding.UTF8.GetBytes(serializer.ToJson(value));

    public void WriteTo(IBufferWriter<byte> buffer, object? value)
    {
        if (value is not null && _serialized.TryGetValue(value, out var bytes)) buffer.Write(bytes);
        else inner.WriteTo(buffer, value);
    }

    public string ToJson(object? document) =>
        document is not null && _serialized.TryGetValue(document, out var bytes) ? System.Text.Encoding.UTF8.GetString(bytes) : inner.ToJson(document);

    public EnumStorage EnumStorage => inner.EnumStorage;
    public Casing Casing => inner.Casing;
    public ValueCasting ValueCasting => inner.ValueCasting;
    public void WriteToParameter(NpgsqlParameter parameter, object? value) => inner.WriteToParameter(parameter, value);
    public void WriteToParameter(DbParameter parameter, object? value) => inner.WriteToParameter(parameter, value);
    public void WriteToCleanJson(IBufferWriter<byte> buffer, object? value) => inner.WriteToCleanJson(buffer, value);
    public string ToJsonWithTypes(object document) => inner.ToJsonWithTypes(document);
    public void WriteToJsonWithTypes(IBufferWriter<byte> buffer, object value) => inner.WriteToJsonWithTypes(buffer, value);
    public string ToCleanJson(object? document) => inner.ToCleanJson(document);
    public T FromJson<T>(Stream stream) => inner.FromJson<T>(stream);
    public T FromJson<T>(DbDataReader reader, int index) => inner.FromJson<T>(reader, index);
    public object FromJson(Type type, Stream stream) => inner.FromJson(type, stream);
    public object FromJson(Type type, DbDataReader reader, int index) => inner.FromJson(type, reader, index);
    public ValueTask<T> FromJsonAsync<T>(Stream stream, CancellationToken cancellation = default) => inner.FromJsonAsync<T>(stream, cancellation);
    public ValueTask<T> FromJsonAsync<T>(DbDataReader reader, int index, CancellationToken cancellation = default) => inner.FromJsonAsync<T>(reader, index, cancellation);
    public ValueTask<object> FromJsonAsync(Type type, Stream stream, CancellationToken cancellation = default) => inner.FromJsonAsync(type, stream, cancellation);
    public ValueTask<object> FromJsonAsync(Type type, DbDataReader reader, int index, CancellationToken cancellation = default) => inner.FromJsonAsync(type, reader, index, cancellation);
}
