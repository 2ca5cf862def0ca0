FROM node:18
WORKDIR /app
COPY . .
RUN npm install
RUN chown -R node:node /app
USER node
ENV PORT=3000
EXPOSE 3000
CMD ["node", "src/index.js"]
