FROM node:lts
WORKDIR /app
COPY package.json .
RUN npm install --production
COPY . .
RUN groupadd -r app && useradd -r -g app app
USER app
CMD npm start
