using KioskAssist.FleetSimulator;

return await FleetSimulatorCli.Create(Console.Out, Console.Error).Parse(args).InvokeAsync();
