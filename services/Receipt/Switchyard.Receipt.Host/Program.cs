using Switchyard.Hosting;
using Switchyard.Receipt;

var builder = WebApplication.CreateBuilder(args);
builder.AddSwitchyard(new ReceiptModule());
return await builder.Build().RunSwitchyardAsync();
