#if SWITCHYARD_AMAZON_SQS
using Switchyard.AmazonSqs.Transport;
#endif
using Switchyard.Hosting;
using Switchyard.WebConsole;

var builder = WebApplication.CreateBuilder(args);
#if SWITCHYARD_AMAZON_SQS
builder.AddAmazonSqsTransport();
#endif
builder.AddSwitchyard(new ConsoleModule());
return await builder.Build().RunSwitchyardAsync();
