using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.Protocol;

/// <summary>
/// Encodes and decodes protocol payloads (UTF-8 JSON, camelCase, enums as snake_case strings).
/// Decoding treats every payload as hostile: size-limited, strictly typed, then validated.
/// </summary>
public static class ProtocolJson
{
    /// <summary>Largest payload accepted; a request with a full transcript is far below this.</summary>
    public const int MaxPayloadBytes = 256 * 1024;

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.Strict,
        MaxDepth = 16,
    };

    public static byte[] Encode<T>(T message) where T : IProtocolMessage => JsonSerializer.SerializeToUtf8Bytes(message, Options);

    /// <summary>Decodes and validates; on failure returns false with the reason.</summary>
    public static bool TryDecode<T>(ReadOnlySequence<byte> payload, [NotNullWhen(true)] out T? message, [NotNullWhen(false)] out string? problem) where T : class, IProtocolMessage
    {
        message = null;
        if (payload.Length == 0)
        {
            problem = "empty payload";
            return false;
        }

        if (payload.Length > MaxPayloadBytes)
        {
            problem = $"payload of {payload.Length} bytes is over the {MaxPayloadBytes}-byte limit";
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(payload);
            message = JsonSerializer.Deserialize<T>(ref reader, Options);
        }
        catch (JsonException e)
        {
            problem = $"not a valid {typeof(T).Name}: {e.Message}";
            return false;
        }
        catch (InvalidOperationException e)
        {
            problem = $"not a valid {typeof(T).Name}: {e.Message}";
            return false;
        }

        problem = message is null ? "null payload" : message.Validate();
        if (problem is not null)
        {
            message = null;
            return false;
        }

        return message is not null;
    }
}
