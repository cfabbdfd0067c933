using KioskAssist.PosSimulator;

return await PosSimulatorCli.Create(Console.Out, Console.Error).Parse(args).InvokeAsync();
