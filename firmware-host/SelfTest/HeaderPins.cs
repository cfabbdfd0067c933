namespace KioskAssist.FirmwareHost.SelfTest;

/// <summary>
/// The BCM GPIOs a Raspberry Pi brings out on its 40-pin header (every model since the B+), and the physical pin
/// each is on, so the report tells the technician where to put the wire. The SoC has more GPIOs (up to 53), but only
/// these can reach a button.
/// </summary>
public static class HeaderPins
{
    private static readonly Dictionary<int, int> PhysicalByBcm = new()
    {
        [0] = 27, [1] = 28, [2] = 3, [3] = 5, [4] = 7, [5] = 29, [6] = 31, [7] = 26, [8] = 24, [9] = 21,
        [10] = 19, [11] = 23, [12] = 32, [13] = 33, [14] = 8, [15] = 10, [16] = 36, [17] = 11, [18] = 12, [19] = 35,
        [20] = 38, [21] = 40, [22] = 15, [23] = 16, [24] = 18, [25] = 22, [26] = 37, [27] = 13,
    };

    /// <summary>The physical header pin of BCM GPIO <paramref name="bcm"/>, or null when the header does not have it.</summary>
    public static int? PhysicalPin(int bcm) => PhysicalByBcm.TryGetValue(bcm, out var physical) ? physical : null;
}
