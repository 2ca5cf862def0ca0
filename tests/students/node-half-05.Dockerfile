FROM node:19-alpine
WORKDIR /usr/src/app
COPY . .
RUN npm install -g nodemon
RUN npm install
EXPOSE 3000
CMD ["nodemon", "index.js"]
