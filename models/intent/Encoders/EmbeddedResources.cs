using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace KioskAssist.Intent.Encoders;

/// <summary>
/// Reads a managed resource out of a .NET DLL file without loading the assembly (no code of the package runs,
/// and its dependencies need not be present).
/// </summary>
internal static class EmbeddedResources
{
    public static byte[] Read(string dllPath, string resourceName)
    {
        if (!File.Exists(dllPath))
        {
            throw new InvalidDataException($"Sentence encoder file '{dllPath}' does not exist (it comes from the NuGet package; rebuild to copy it).");
        }

        using var stream = File.OpenRead(dllPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var resourcesRva = pe.PEHeaders.CorHeader?.ResourcesDirectory.RelativeVirtualAddress
            ?? throw new InvalidDataException($"'{dllPath}' is not a .NET assembly.");
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (!resource.Implementation.IsNil || metadata.GetString(resource.Name) != resourceName)
            {
                continue;
            }

            var block = pe.GetSectionData(resourcesRva + (int)resource.Offset);
            var reader = block.GetReader();
            var length = reader.ReadInt32(); // each resource is a little-endian length followed by its bytes
            return reader.ReadBytes(length);
        }

        throw new InvalidDataException($"'{dllPath}' has no embedded resource '{resourceName}'.");
    }
}
