# actorgraph: GraphQL server over Neo4j.
# Build:  docker build -t actorgraph .
# Run:    see docker-compose.yml (needs a Neo4j reachable at NEO4J_URI).

FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /actorgraph ./cmd/actorgraph

FROM debian:bookworm-slim
WORKDIR /app
COPY --from=build /actorgraph /usr/local/bin/actorgraph
COPY --from=build /src/seed /app/seed
ENV ACTORGRAPH_LISTEN=0.0.0.0:8080 \
    NEO4J_URI=neo4j://neo4j:7687 \
    NEO4J_USERNAME=neo4j
EXPOSE 8080
# Unprivileged user (no home needed).
USER 65532:65532
ENTRYPOINT ["/usr/local/bin/actorgraph"]
CMD ["serve", "--load", "/app/seed"]
