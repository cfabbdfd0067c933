using KioskAssist.Trainer;

return TrainerCli.Create(Console.Out, Console.Error).Parse(args).Invoke();
