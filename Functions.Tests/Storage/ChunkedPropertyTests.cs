using System.Text;
using Azure.Data.Tables;
using Klaxon.Storage;
using Klaxon.Tests.Rig;

namespace Klaxon.Tests.Storage;

/// <summary>The one chunking scheme, through Azurite: text and bytes round-trip, old string-chunked rows still read.</summary>
[Collection(AzuriteCollection.Name)]
public class ChunkedPropertyTests(AzuriteFixture azurite)
{
    public static TheoryData<string> Texts => new()
    {
        "",
        "Disk full on db1",
        // An emoji straddling 30,000 characters: the earlier scheme cut it in half between two string chunks, and storage
        // kept two U+FFFD in its place.
        new string('a', ChunkedProperty.ChunkBytes / 2 - 1) + "😀" + "tail",
        // Several chunks of mixed one-, two-, three- and four-byte characters, so chunk boundaries fall inside them.
        string.Concat(Enumerable.Repeat("ascii é ß ü 漢字かな 😀🚨 ", 12_000)),
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public async Task Text_round_trips_through_the_table(string text)
    {
        var entity = NewEntity();
        ChunkedProperty.Write(entity, "Description", text);

        var stored = await StoreAndReadAsync(entity);

        Assert.Equal(text, ChunkedProperty.Read(stored, "Description"));
    }

    [Fact]
    public async Task Text_is_stored_as_UTF8_binary_chunks_under_the_property_name_then_name_1_name_2()
    {
        var text = new string('x', ChunkedProperty.ChunkBytes * 2 + 5);
        var entity = NewEntity();
        ChunkedProperty.Write(entity, "State", text);

        var stored = await StoreAndReadAsync(entity);

        Assert.Equal(ChunkedProperty.ChunkBytes, stored.GetBinary("State")!.Length);
        Assert.Equal(ChunkedProperty.ChunkBytes, stored.GetBinary("State_1")!.Length);
        Assert.Equal(5, stored.GetBinary("State_2")!.Length);
        Assert.False(stored.ContainsKey("State_3"));
        Assert.False(stored.ContainsKey("State_0"));
    }

    [Fact]
    public async Task Rows_written_with_the_earlier_string_chunks_still_read()
    {
        // As the earlier ChunkedProperty wrote them: strings of up to 30,000 characters, Name, Name_1, Name_2.
        var text = string.Concat(Enumerable.Range(0, 70_000).Select(i => (char)('a' + i % 26)));
        var entity = NewEntity();
        entity["Document"] = text[..30_000];
        entity["Document_1"] = text[30_000..60_000];
        entity["Document_2"] = text[60_000..];
        entity["Short"] = "one chunk";

        var stored = await StoreAndReadAsync(entity);

        Assert.Equal(text, ChunkedProperty.Read(stored, "Document"));
        Assert.Equal("one chunk", ChunkedProperty.Read(stored, "Short"));
        Assert.Null(ChunkedProperty.Read(stored, "Missing"));
    }

    [Fact]
    public async Task Bytes_numbered_from_zero_keep_the_event_body_layout()
    {
        var body = Enumerable.Range(0, 130_001).Select(i => (byte)(i * 7)).ToArray();
        var entity = NewEntity();
        ChunkedProperty.WriteBytes(entity, "Body", body, ChunkNames.NumberedFromZero);

        var stored = await StoreAndReadAsync(entity);

        Assert.Equal(body, ChunkedProperty.ReadBytes(stored, "Body", ChunkNames.NumberedFromZero));
        Assert.Equal([60_000, 60_000, 10_001], new[] { "Body_0", "Body_1", "Body_2" }.Select(name => stored.GetBinary(name)!.Length));
        Assert.False(stored.ContainsKey("Body"));
        Assert.False(stored.ContainsKey("Body_3"));
    }

    [Fact]
    public async Task Text_takes_its_UTF8_size_so_ASCII_documents_fit_twice_the_text_of_UTF16_strings()
    {
        // 600,000 ASCII characters: 1.2 MB counted as UTF-16 strings, past the 1 MiB entity limit (which Azurite does
        // not enforce, so the sizes are checked here); 600,000 bytes as UTF-8 chunks.
        var text = new string('{', 600_000);
        var entity = NewEntity();
        ChunkedProperty.Write(entity, "Document", text);

        var stored = await StoreAndReadAsync(entity);

        var chunks = stored.Keys.Where(key => key == "Document" || key.StartsWith("Document_", StringComparison.Ordinal)).ToList();
        Assert.Equal(600_000, chunks.Sum(key => stored.GetBinary(key)!.Length));
        Assert.Equal(text, ChunkedProperty.Read(stored, "Document"));
    }

    private TableClient Table => azurite.Tables.GetTableClient(StorageNames.AccountsTable);

    private static TableEntity NewEntity() => new("chunks" + Guid.NewGuid().ToString("N"), "row");

    private async Task<TableEntity> StoreAndReadAsync(TableEntity entity)
    {
        await Table.AddEntityAsync(entity);
        return (await Table.GetEntityAsync<TableEntity>(entity.PartitionKey, entity.RowKey)).Value;
    }
}
