using System.Net.Mime;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;

namespace KioskAssist.PosSimulator;

/// <summary>Builds the CloudEvents a POS sends a kiosk (docs/pos.md) and encodes them in structured JSON mode.</summary>
public static class PosEvents
{
    private static readonly JsonEventFormatter Formatter = new();

    /// <param name="type">Without the prefix, e.g. <c>payment.declined</c>.</param>
    /// <param name="data">The data object (anonymous types are fine), or null.</param>
    public static CloudEvent Create(string site, string lane, string type, object? data, string? transactionId = null, string? id = null, DateTimeOffset? time = null) =>
        new(CloudEventsSpecVersion.V1_0)
        {
            Id = id ?? NewId(),
            Source = new Uri($"/pos/{site}/{lane}", UriKind.Relative),
            Type = $"kioskassist.pos.{type}",
            Time = time ?? DateTimeOffset.UtcNow,
            Subject = transactionId,
            DataContentType = data is null ? null : MediaTypeNames.Application.Json,
            Data = data is null ? null : JsonSerializer.SerializeToElement(data),
        };

    /// <summary>
    /// A random id with few digits in a row: the kiosk refuses any 13+ digit run that passes Luhn as card data, and a
    /// hex GUID has one about once in a hundred events. Base64url letters make that vanishingly rare.
    /// </summary>
    public static string NewId() =>
        "ev_" + Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', 'x').Replace('/', 'y');

    /// <summary>The event's bytes in structured mode (the same over HTTP and MQTT).</summary>
    public static byte[] Encode(CloudEvent cloudEvent) =>
        Formatter.EncodeStructuredModeMessage(cloudEvent, out _).ToArray();
}
