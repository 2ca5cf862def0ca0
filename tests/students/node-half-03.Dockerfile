FROM node:18-slim
WORKDIR /app
COPY . .
RUN apt-get update && apt-get install -y python3 make g++
RUN npm ci
RUN useradd nodeuser
USER nodeuser
EXPOSE 3000
CMD ["node", "app.js"]
