using System.Net.Mime;
using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;

namespace KioskAssist.FirmwareHost.Pos;

/// <summary>
/// Reads one CloudEvents 1.0 event in structured JSON mode (the same bytes over HTTP and MQTT) and checks it against
/// docs/pos.md: card data first (on the raw text, before any parsing), then the envelope, the type, the lane and each
/// <c>data</c> field. Problems it reports never quote the event's values.
/// </summary>
/// <remarks>Thread-safe and allocation-light; the caller limits the size and the rate before calling.</remarks>
public sealed class PosEventReader(string site, string lane)
{
    private static readonly JsonEventFormatter Formatter = new();
    private static readonly ContentType StructuredJson = new("application/cloudevents+json");
    private readonly string _source = $"/pos/{site}/{lane}";

    /// <summary>The <c>source</c> this kiosk's lane must send: <c>/pos/{site}/{kiosk}</c>.</summary>
    public string Source => _source;

    public PosReadResult Read(ReadOnlyMemory<byte> body)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body.Span);
        }
        catch (DecoderFallbackException)
        {
            return PosReadResult.Refused(PosRejection.Malformed, "the body is not UTF-8");
        }

        if (CardDataScan.Find(text) is { } card)
        {
            return PosReadResult.Refused(PosRejection.CardData, $"the event holds {card}");
        }

        if (Envelope(body) is { } envelope)
        {
            return envelope;
        }

        CloudEvent cloudEvent;
        try
        {
            cloudEvent = Formatter.DecodeStructuredModeMessage(body, StructuredJson, extensionAttributes: null);
        }
        catch (Exception e) when (e is ArgumentException or JsonException or FormatException or InvalidOperationException)
        {
            return PosReadResult.Refused(PosRejection.Malformed, "not a CloudEvents 1.0 event in structured JSON mode");
        }

        if (cloudEvent.ExtensionAttributes.Any())
        {
            return PosReadResult.Refused(PosRejection.FieldNotAllowed, "extension attributes are not allowed");
        }

        if (cloudEvent.Type is not { } type || !type.StartsWith(PosEventTypes.Prefix, StringComparison.Ordinal)
            || !PosEventTypes.Fields.TryGetValue(type[PosEventTypes.Prefix.Length..], out var fields))
        {
            return PosReadResult.Refused(PosRejection.UnknownType, "type is not one of docs/pos.md");
        }

        var shortType = type[PosEventTypes.Prefix.Length..];
        if (cloudEvent.Source?.OriginalString != _source)
        {
            return PosReadResult.Refused(PosRejection.WrongLane, $"source must be {_source}");
        }

        if (cloudEvent.Time is not { } time)
        {
            return PosReadResult.Refused(PosRejection.Malformed, "time is required");
        }

        if (cloudEvent.Id is not { Length: <= 64 } id || cloudEvent.Subject is { Length: > 64 })
        {
            return PosReadResult.Refused(PosRejection.Malformed, "id (and subject) must be at most 64 characters");
        }

        if (cloudEvent.DataContentType is { } contentType && contentType != MediaTypeNames.Application.Json)
        {
            return PosReadResult.Refused(PosRejection.Malformed, "datacontenttype must be application/json");
        }

        return PosDataReader.Read(shortType, cloudEvent.Data, fields) switch
        {
            (null, var problem) => PosReadResult.Refused(PosRejection.FieldNotAllowed, problem!),
            (var data, _) => PosReadResult.Read(new PosEvent(id, lane, shortType, time, cloudEvent.Subject, data!)),
        };
    }

    /// <summary>
    /// The CloudEvents SDK accepts any specversion it knows and reports others as a plain argument error; a future
    /// version is told apart here so it is counted as such.
    /// </summary>
    private static PosReadResult? Envelope(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return PosReadResult.Refused(PosRejection.Malformed, "the event is not a JSON object");
            }

            if (!document.RootElement.TryGetProperty("specversion", out var version) || version.ValueKind != JsonValueKind.String)
            {
                return PosReadResult.Refused(PosRejection.Malformed, "specversion is missing");
            }

            return version.ValueEquals("1.0") ? null : PosReadResult.Refused(PosRejection.UnsupportedVersion, "specversion must be 1.0");
        }
        catch (JsonException)
        {
            return PosReadResult.Refused(PosRejection.Malformed, "the body is not JSON");
        }
    }
}
