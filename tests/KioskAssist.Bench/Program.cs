using KioskAssist.Bench;

return await BenchCli.Create(Console.Out).Parse(args).InvokeAsync();
