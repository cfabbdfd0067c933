namespace KioskAssist.FirmwareHost.Hardware;

/// <summary>
/// The simulated call button, for development and tests: <c>POST /dev/button/press</c> and <c>/dev/button/hold</c>.
/// Mapped only when <c>Hardware:Mode</c> is Simulated, and like the whole page only on loopback.
/// </summary>
public static class SimulatedButtonEndpoints
{
    public static IEndpointRouteBuilder MapSimulatedButton(this IEndpointRouteBuilder app)
    {
        app.MapPost("/dev/button/press", (HelpButtonHandler button) => button.Pressed()
            ? Results.NoContent()
            : Results.Problem("The press was not saved; see the kiosk's log.", statusCode: StatusCodes.Status500InternalServerError));
        app.MapPost("/dev/button/hold", (HelpButtonHandler button) =>
        {
            button.Held();
            return Results.NoContent();
        });
        return app;
    }
}
