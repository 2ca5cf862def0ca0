FROM node:16
COPY . /app
WORKDIR /app
RUN npm install
CMD ["npm", "start"]
