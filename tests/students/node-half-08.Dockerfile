FROM node:21-alpine
WORKDIR /app
COPY package.json ./
RUN npm install
COPY . .
RUN adduser -D app
USER app
EXPOSE 3000
HEALTHCHECK --interval=30s CMD wget -qO- http://localhost:3000/ || exit 1
CMD ["npm", "start"]
