using System.Net.Http.Headers;

namespace KioskAssist.PosSimulator;

/// <summary>POSTs each event to <c>{kiosk}/pos/events</c> as <c>application/cloudevents+json</c>.</summary>
public sealed class HttpPosSender(Uri kiosk) : IPosSender
{
    private readonly HttpClient _client = new() { BaseAddress = kiosk };

    public async Task<string> SendAsync(byte[] cloudEvent, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(cloudEvent);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/cloudevents+json");
        using var response = await _client.PostAsync("/pos/events", content, cancellationToken);
        return ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
