using KioskAssist.Provisioning;

// A terminal gets a progress bar; a pipe or a file gets one plain line per device.
return FleetCli.Invoke(FleetCli.Create(Console.In, Console.Out, Console.Error, interactive: !Console.IsOutputRedirected), args, Console.Error);
