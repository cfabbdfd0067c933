namespace KioskAssist.Intent;

/// <summary>One row of training or test data.</summary>
/// <param name="Language">The <c>lang</c> column when the file has one, else null.</param>
public sealed record LabeledExample(string Text, string Intent, string? Language);
