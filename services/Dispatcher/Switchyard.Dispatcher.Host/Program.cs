using Switchyard.Dispatcher;
#if SWITCHYARD_AMAZON_SQS
using Switchyard.AmazonSqs.Transport;
#endif
using Switchyard.Hosting;

var builder = WebApplication.CreateBuilder(args);
#if SWITCHYARD_AMAZON_SQS
builder.AddAmazonSqsTransport();
#endif
builder.AddSwitchyard(new DispatcherModule());
return await builder.Build().RunSwitchyardAsync();
