using System.Diagnostics;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace KioskAssist.Bench;

/// <summary>
/// The kiosk page's live feed (<c>GET /api/events</c>, Server-Sent Events named <c>state</c>) read the way the page
/// reads it, so the benchmark can wait for the moment a state reaches the screen.
/// </summary>
/// <remarks>One waiter at a time. Dispose to close the stream.</remarks>
public sealed class ScreenEvents : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly HttpClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _run = Task.CompletedTask;
    private Func<JsonElement, bool>? _condition;
    private TaskCompletionSource<long>? _seen;

    private ScreenEvents(Uri address) => _client = new HttpClient { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Opens the stream and returns once the first state (the current one) arrived.</summary>
    public static async Task<ScreenEvents> OpenAsync(Uri kiosk)
    {
        var events = new ScreenEvents(kiosk);
        var response = await events._client.GetAsync(new Uri("/api/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        events._run = events.ReadAsync(response);
        await events._first.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return events;
    }

    /// <summary>Completes with the <see cref="Stopwatch"/> timestamp of the first state event that satisfies <paramref name="condition"/>.</summary>
    public Task<long> WhenAsync(Func<JsonElement, bool> condition)
    {
        lock (_gate)
        {
            _condition = condition;
            _seen = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            return _seen.Task;
        }
    }

    private async Task ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            try
            {
                await using var stream = await response.Content.ReadAsStreamAsync(_stop.Token);
                await foreach (var item in SseParser.Create(stream).EnumerateAsync(_stop.Token))
                {
                    var at = Stopwatch.GetTimestamp();
                    if (item.EventType != "state")
                    {
                        continue;
                    }

                    _first.TrySetResult();
                    using var state = JsonDocument.Parse(item.Data);
                    lock (_gate)
                    {
                        if (_condition is { } condition && condition(state.RootElement))
                        {
                            _seen!.TrySetResult(at);
                            _condition = null;
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _run;
        }
        catch (HttpIOException)
        {
            // The kiosk closed the stream first.
        }

        _client.Dispose();
        _stop.Dispose();
    }
}
