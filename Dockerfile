# syntax=docker/dockerfile:1.7
# Builds one Switchyard service. PROJECT is its host project, ASSEMBLY the assembly name, for example
#   docker build --build-arg PROJECT=services/Receipt/Switchyard.Receipt.Host --build-arg ASSEMBLY=Switchyard.Receipt.Host .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG PROJECT
# The Amazon SQS transport is built in (see Directory.Build.props); false leaves it out where the package source lacks it.
ARG SWITCHYARD_AMAZON_SQS=true
WORKDIR /src
COPY . .
RUN dotnet publish "$PROJECT" -c Release -o /app -p:SwitchyardAmazonSqs=$SWITCHYARD_AMAZON_SQS

FROM mcr.microsoft.com/dotnet/aspnet:10.0
ARG ASSEMBLY
ENV SWITCHYARD_ASSEMBLY=${ASSEMBLY}.dll \
    Urls=http://+:8080
WORKDIR /app
COPY --from=build /app .
USER app
EXPOSE 8080
ENTRYPOINT ["sh", "-c", "exec dotnet \"$SWITCHYARD_ASSEMBLY\""]
