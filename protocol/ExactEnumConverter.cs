using System.Text.Json;
using System.Text.Json.Serialization;

namespace KioskAssist.Protocol;

/// <summary>
/// Reads enums only as their exact snake_case name (<c>"low_confidence"</c>), where <see cref="JsonStringEnumConverter"/>
/// would also take <c>"Low_Confidence"</c>, <c>"claim "</c> or <c>"claim, chat"</c>. A peer that sends those is broken,
/// and one that works only against lenient receivers would fail elsewhere. Writes the same names.
/// </summary>
/// <remarks>Thread-safe; one converter per enum type, made once.</remarks>
internal sealed class ExactEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    private sealed class Converter<T> : JsonConverter<T> where T : struct, Enum
    {
        private readonly Dictionary<string, T> _byName = Enum.GetValues<T>().ToDictionary(v => Name(v), StringComparer.Ordinal);

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String && _byName.TryGetValue(reader.GetString()!, out var value))
            {
                return value;
            }

            throw new JsonException($"not a {typeof(T).Name}: expected one of {string.Join(", ", _byName.Keys)}");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteStringValue(Name(value));
        }

        private static string Name(T value) => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
    }
}
