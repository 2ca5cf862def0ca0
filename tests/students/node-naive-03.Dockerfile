FROM node
WORKDIR /app
ADD . .
RUN npm i
EXPOSE 8080
CMD node index.js
